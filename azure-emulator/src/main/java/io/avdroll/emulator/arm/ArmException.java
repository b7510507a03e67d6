package io.avdroll.emulator.arm;

import java.util.LinkedHashMap;
import java.util.Map;

/** An ARM error answer: HTTP status plus the {@code {"error":{"code","message"}}} body Azure sends. */
public class ArmException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ArmException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static ArmException notFound(String type, String id) {
        return new ArmException(404, "ResourceNotFound",
                "The Resource '" + type + "/" + lastSegment(id) + "' under resource group '" + ResourceIds.resourceGroup(id)
                        + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }

    public static ArmException badRequest(String code, String message) {
        return new ArmException(400, code, message);
    }

    public static ArmException conflict(String code, String message) {
        return new ArmException(409, code, message);
    }

    public ArmException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public ArmResponse toResponse() {
        var body = Json.object();
        var error = body.putObject("error");
        error.put("code", code);
        error.put("message", getMessage());
        ArmResponse response = new ArmResponse(status, body);
        headers.forEach(response::header);
        return response;
    }

    private static String lastSegment(String id) {
        int slash = id.lastIndexOf('/');
        return slash < 0 ? id : id.substring(slash + 1);
    }
}
