package io.avdroll.emulator.arm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code {"value":[...],"nextLink":"https://..."}} pages; nextLink is absolute, as the SDK requires. */
public final class Paging {
    private Paging() {
    }

    /** ARM style: {@code $skiptoken} carries the offset; the nextLink keeps the request's {@code $expand}, as ARM's do. */
    public static ArmResponse armPage(ArmCall call, List<ObjectNode> items, int pageSize) {
        return armPage(call, items, pageSize, item -> item);
    }

    /** As {@link #armPage(ArmCall, List, int)}, rendering only the items of the page asked for. */
    public static <T> ArmResponse armPage(ArmCall call, List<T> items, int pageSize, java.util.function.Function<T, ObjectNode> render) {
        int skip = parseNonNegative(call.query("$skiptoken"), "$skiptoken");
        ObjectNode body = Json.object();
        ArrayNode value = body.putArray("value");
        items.stream().skip(skip).limit(pageSize).map(render).forEach(value::add);
        if (skip + pageSize < items.size()) {
            String expand = call.query("$expand");
            body.put("nextLink", call.url(call.path() + "?api-version=" + call.apiVersion()
                    + (expand == null ? "" : "&$expand=" + URLEncoder.encode(expand, StandardCharsets.UTF_8))
                    + "&$skiptoken=" + (skip + pageSize)));
        }
        return ArmResponse.ok(body);
    }

    /** Desktop Virtualization style: {@code pageSize}, {@code isDescending}, {@code initialSkip}. */
    public static ArmResponse avdPage(ArmCall call, List<ObjectNode> items, int defaultPageSize) {
        return avdPage(call, items, defaultPageSize, item -> item);
    }

    /** As {@link #avdPage(ArmCall, List, int)}, rendering only the items of the page asked for. */
    public static <T> ArmResponse avdPage(ArmCall call, List<T> items, int defaultPageSize,
                                          java.util.function.Function<T, ObjectNode> render) {
        int pageSize = call.query("pageSize") == null ? defaultPageSize : parsePositive(call.query("pageSize"), "pageSize");
        int skip = parseNonNegative(call.query("initialSkip"), "initialSkip");
        boolean descending = call.queryFlag("isDescending");
        List<T> ordered = items;
        if (descending) {
            ordered = new java.util.ArrayList<>(items);
            java.util.Collections.reverse(ordered);
        }
        ObjectNode body = Json.object();
        ArrayNode value = body.putArray("value");
        ordered.stream().skip(skip).limit(pageSize).map(render).forEach(value::add);
        if (skip + pageSize < items.size()) {
            body.put("nextLink", call.url(call.path() + "?api-version=" + call.apiVersion() + "&pageSize=" + pageSize
                    + "&isDescending=" + descending + "&initialSkip=" + (skip + pageSize)));
        }
        return ArmResponse.ok(body);
    }

    private static int parseNonNegative(String value, String name) {
        if (value == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw ArmException.badRequest("InvalidParameter", "The query parameter '" + name + "' must be a non-negative integer, was '" + value + "'.");
    }

    private static int parsePositive(String value, String name) {
        int n = parseNonNegative(value, name);
        if (n == 0) {
            throw ArmException.badRequest("InvalidParameter", "The query parameter '" + name + "' must be a positive integer.");
        }
        return n;
    }
}
