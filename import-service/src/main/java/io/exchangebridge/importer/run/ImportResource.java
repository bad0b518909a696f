package io.exchangebridge.importer.run;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.exchangebridge.foundation.problem.ProblemException;
import io.exchangebridge.importer.scope.ReaderScopes;

/**
 * Starting and watching import runs ({@code trigger} or {@code admin}; {@code reader} may watch). A principal scoped by
 * {@code importer.readers} starts and sees only its accounts: "all" means all of its accounts, and a run's
 * {@code mailboxes} lists only their results.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 200;

    private final ImportRunner runner;
    private final ReaderScopes readers;

    public ImportResource(ImportRunner runner, ReaderScopes readers) {
        this.runner = runner;
        this.readers = readers;
    }

    @POST
    @Path("/imports")
    @RolesAllowed({"trigger", "admin"})
    public Response importAll() {
        return accepted(runner.requestAll(readers.current()));
    }

    /**
     * Recent runs newest first, keyset paged: {@code limit} 1..{@value #MAX_LIMIT} (default 20), {@code cursor} a
     * {@code nextCursor}; an empty parameter counts as not given.
     */
    @GET
    @Path("/imports")
    @RolesAllowed({"trigger", "admin", "reader"})
    public RunPage list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int size = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                size = 0;
            }
            if (size < 1 || size > MAX_LIMIT) {
                throw ProblemException.badRequest("Parameter 'limit' must be a number from 1 to " + MAX_LIMIT + ".")
                        .with("field", "limit");
            }
        }
        RunCursor after = null;
        if (cursor != null && !cursor.isBlank()) {
            after = RunCursor.parse(cursor.trim()).orElseThrow(() -> ProblemException
                    .badRequest("Parameter 'cursor' is not a cursor of this API (use a nextCursor).")
                    .with("field", "cursor"));
        }
        return runner.recent(after, size, readers.current());
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
        return runner.find(id, readers.current())
                .orElseThrow(() -> ProblemException.notFound("No import run '" + runId + "'."));
    }

    static Response accepted(RunStarted run) {
        return Response.accepted(run).location(URI.create("/api/imports/" + run.runId())).build();
    }
}
