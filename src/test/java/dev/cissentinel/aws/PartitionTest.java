package dev.cissentinel.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/** The partition table agrees with the SDK's own metadata, region by region. */
class PartitionTest {

    @Test
    void of_everyRegionTheSdkKnows_isTheSdksPartition() {
        for (Region region : Region.regions()) {
            if (!region.isGlobalRegion()) {
                assertThat(Partition.of(region.id())).as(region.id()).isEqualTo(PartitionMetadata.of(region).id());
            }
        }
    }

    @Test
    void known_isEveryPartitionOfTheSdk() {
        Set<String> sdk = Region.regions().stream().map(region -> PartitionMetadata.of(region).id())
                .collect(Collectors.toSet());

        assertThat(Partition.KNOWN).isEqualTo(sdk);
    }

    @Test
    void of_regionTheSdkDoesNotKnowYet_followsThePrefix() {
        assertThat(Partition.of("cn-south-7")).isEqualTo("aws-cn");
        assertThat(Partition.of("us-gov-central-1")).isEqualTo("aws-us-gov");
        assertThat(Partition.of("xx-future-1")).isEqualTo("aws");
    }
}
