package dev.cissentinel.testing;

import java.util.List;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeMetricFiltersRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeMetricFiltersResponse;

/**
 * Pages {@code DescribeAlarms} and {@code DescribeMetricFilters} the way AWS does, on top of the emulator's data.
 * moto 5.2 returns every alarm and every filter in one response, ignoring {@code MaxRecords}/{@code limit}
 * (its filter response even echoes the request's token), so paging code could not be tested on it alone.
 * Here the page size is the request's (AWS's default 50 when unset) and the token is the next offset.
 */
public final class AwsPagination implements ExecutionInterceptor {

    private static final int DEFAULT_PAGE_SIZE = 50;

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (context.response() instanceof DescribeAlarmsResponse) {
            DescribeAlarmsRequest request = (DescribeAlarmsRequest) context.request();
            DescribeAlarmsResponse response = (DescribeAlarmsResponse) context.response();
            Page page = Page.of(request.nextToken(), request.maxRecords(), response.metricAlarms().size());
            return response.toBuilder().metricAlarms(page.slice(response.metricAlarms()))
                    .nextToken(page.nextToken()).build();
        }
        if (context.response() instanceof DescribeMetricFiltersResponse) {
            DescribeMetricFiltersRequest request = (DescribeMetricFiltersRequest) context.request();
            DescribeMetricFiltersResponse response = (DescribeMetricFiltersResponse) context.response();
            Page page = Page.of(request.nextToken(), request.limit(), response.metricFilters().size());
            return response.toBuilder().metricFilters(page.slice(response.metricFilters()))
                    .nextToken(page.nextToken()).build();
        }
        return context.response();
    }

    private record Page(int from, int to, int total) {
        static Page of(String token, Integer size, int total) {
            int from = token == null ? 0 : Integer.parseInt(token.substring("offset-".length()));
            int to = Math.min(total, from + (size == null ? DEFAULT_PAGE_SIZE : size));
            return new Page(from, to, total);
        }

        <T> List<T> slice(List<T> all) {
            return all.subList(from, to);
        }

        String nextToken() {
            return to < total ? "offset-" + to : null;
        }
    }
}
