package io.exchangebridge.importer.foundation;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.exchangebridge.foundation.problem.ProblemException;

/** Test-only endpoints that fail in the ways real endpoints can. */
@Path("/test-problems")
public class ProblemTestResource {

    public record Echo(String name, int count) {
    }

    @POST
    @Path("/echo")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Echo echo(Echo echo) {
        return echo;
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("password=s3cr3t");
    }

    @GET
    @Path("/conflict")
    public String conflict() {
        throw ProblemException.conflict("Credential 'x' already exists.");
    }
}
