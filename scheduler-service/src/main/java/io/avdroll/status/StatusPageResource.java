package io.avdroll.status;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The status page: one static HTML page with a small script that polls the on-demand API and draws the pool as a grid
 * of hosts coloured by stage. The page and its files are public; the data needs the API's bearer token, which the
 * page takes from its URL fragment ({@code /status#token=...}, never sent to the server) or asks for.
 */
@Path("/status")
public class StatusPageResource {

    private static final Map<String, String> FILES = Map.of(
            "app.js", "application/javascript; charset=utf-8",
            "style.css", "text/css; charset=utf-8");

    @GET
    public Response page() {
        return file("index.html", "text/html; charset=utf-8");
    }

    @GET
    @Path("{file}")
    public Response asset(@PathParam("file") String name) {
        String type = FILES.get(name);
        if (type == null) {
            throw new NotFoundException();
        }
        return file(name, type);
    }

    private static Response file(String name, String type) {
        try (InputStream in = StatusPageResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new NotFoundException();
            }
            return Response.ok(in.readAllBytes(), type).header("Cache-Control", "no-cache")
                    .header("Content-Security-Policy", "default-src 'self'; connect-src 'self'").build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
