package dev.cissentinel.aws;

import java.util.List;
import java.util.Set;

/**
 * Which AWS partition a region belongs to (the {@code aws} of {@code arn:aws:…}), by the region name's prefix.
 *
 * <p>The SDK knows this too ({@code PartitionMetadata.of(Region)}), but its metadata provider starts the logging
 * framework when it loads: seconds on a busy machine, paid by a command that only wants to say "bad flag". So the
 * table is here, and {@code PartitionTest} checks it against the SDK's metadata for every region the SDK knows.
 */
public final class Partition {

    /** The partitions, most specific prefix first; a region matching none is in {@code aws}. */
    private static final List<String[]> PREFIXES = List.of(
            new String[] {"us-gov-", "aws-us-gov"},
            new String[] {"us-isob-", "aws-iso-b"},
            new String[] {"us-isof-", "aws-iso-f"},
            new String[] {"us-iso-", "aws-iso"},
            new String[] {"eu-isoe-", "aws-iso-e"},
            new String[] {"eusc-", "aws-eusc"},
            new String[] {"cn-", "aws-cn"});

    /** Every partition id: {@code aws}, {@code aws-cn}, {@code aws-us-gov}, the isolated ones and {@code aws-eusc}. */
    public static final Set<String> KNOWN = Set.of("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b",
            "aws-iso-e", "aws-iso-f", "aws-eusc");

    private Partition() {
    }

    /** The partition of a region name, e.g. {@code aws-cn} for {@code cn-north-1}. */
    public static String of(String region) {
        for (String[] prefix : PREFIXES) {
            if (region.startsWith(prefix[0])) {
                return prefix[1];
            }
        }
        return "aws";
    }
}
