package io.exchangebridge.importer.run;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.exchangebridge.foundation.problem.ProblemException;

/** Starting and watching import runs ({@code trigger} or {@code admin}; {@code reader} may watch). */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private final ImportRunner runner;
    public ImportResource(ImportRunner runner) {
        this.runner = runner;
    }

    @POST
    @Path("/imports")
    @RolesAllowed({"trigger", "admin"})
    public Response importAll() {
        return accepted(runner.startAll("api"));
    }

    @GET
    @Path("/imports/{runId}")
    @RolesAllowed({"trigger", "admin", "reader"})
    public RunView get(@PathParam("runId") String runId) {
        UUID id;
        try {
            id = UUID.fromString(runId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No import run '" + runId + "'.");
        }
        return runner.find(id).orElseThrow(() -> ProblemException.notFound("No import run '" + runId + "'."));
    }

    static Response accepted(RunStarted run) {
        return Response.accepted(run).location(URI.create("/api/imports/" + run.runId())).build();
    }
}
