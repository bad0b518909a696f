package io.exchangebridge.foundation.problem;

import static io.exchangebridge.foundation.problem.ProblemResponses.instance;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.exchangebridge.foundation.text.UnstorableText;
import io.exchangebridge.foundation.text.UnstorableTextInJson;
import io.quarkus.logging.Log;

/**
 * The one place that turns exceptions into RFC 9457 {@code application/problem+json} answers, for every service. No
 * stack trace and no exception text of unknown origin ever reaches the client: such texts may carry secrets. Jackson's
 * exceptions get methods of their own because quarkus-rest-jackson ships more specific built-in mappers for them. A
 * feature's typed failures are mapped by that service's edge mapper, through {@link ProblemResponses}.
 */
public class ProblemExceptionMapper {

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return ProblemResponses.of(e, uri);
    }

    /** A path or query parameter, or a form field, holds text PostgreSQL cannot store (see {@code TextRule}). */
    @ServerExceptionMapper
    public Response unstorableText(UnstorableText e, UriInfo uri) {
        return badRequest(e.getMessage(), uri);
    }

    /** The same in a JSON body: the field is named by the path Jackson recorded, such as {@code to[0]}. */
    @ServerExceptionMapper
    public Response unstorableTextInJson(UnstorableTextInJson e, UriInfo uri) {
        return unstorableText(new UnstorableText(UnstorableText.Source.FIELD, path(e), e.violation()), uri);
    }

    @ServerExceptionMapper
    public Response unrecognizedField(UnrecognizedPropertyException e, UriInfo uri) {
        return badRequest("Unknown field '" + e.getPropertyName() + "'.", uri);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return badRequest("Field '" + path(e) + "' has the wrong type or format.", uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return badRequest("Field '" + path(e) + "' has the wrong type.", uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return badRequest("The request body is not valid JSON.", uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        // The JSON body reader wraps some parse failures (such as a truncated body) in a 400.
        if (e.getCause() instanceof UnstorableTextInJson cause) {
            return unstorableTextInJson(cause, uri);
        }
        if (e.getCause() instanceof UnrecognizedPropertyException cause) {
            return unrecognizedField(cause, uri);
        }
        if (e.getCause() instanceof InvalidFormatException cause) {
            return invalidFormat(cause, uri);
        }
        if (e.getCause() instanceof MismatchedInputException cause) {
            return mismatchedInput(cause, uri);
        }
        if (e.getCause() instanceof JsonProcessingException cause) {
            return malformedJson(cause, uri);
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        String detail = status >= 500 ? "The request could not be processed." : title + ".";
        if (status >= 500) {
            Log.errorf("Request %s failed: %s", instance(uri), e.getClass().getName());
        }
        return ProblemResponses.of(new Problem(Problem.aboutBlank(), title, status, detail, instance(uri)),
                e.getResponse());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseUnavailable.causedAnywhereIn(e)) {
            // Not a bug but an outage the client can wait out, as the SMTP listener's 451 says; the class only again.
            Log.warnf("Request %s: database unavailable (%s)", instance(uri), e.getClass().getName());
            return Response.status(503).type(Problem.MEDIA_TYPE)
                    .header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS)
                    .entity(new Problem(Problem.aboutBlank(), "Service Unavailable", 503,
                            "The database is unavailable; try again later.", instance(uri)))
                    .build();
        }
        // Log the class only; the exception text of a library may contain a secret.
        Log.errorf("Request %s failed: %s", instance(uri), e.getClass().getName());
        return ProblemResponses.of(new Problem(Problem.aboutBlank(), "Internal Server Error", 500,
                "The request could not be processed. The error has been logged.", instance(uri)), null);
    }

    private static Response badRequest(String detail, UriInfo uri) {
        return ProblemResponses.of(new Problem(Problem.aboutBlank(), "Bad Request", 400, detail, instance(uri)), null);
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "(body)" : sb.toString();
    }
}
