package io.exchangebridge.smtp.delivery;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Microsoft Graph mail as the relay uses it: {@code sendMail} with a MIME body (base64 of the message,
 * {@code Content-Type: text/plain}) and, for messages too large for it, drafts, their attachments, upload sessions and
 * send. JSON bodies are strings, written and read with Jackson by {@link GraphClient}.
 */
@Path("/users/{mailbox}")
interface GraphRestClient {

    @POST
    @Path("/sendMail")
    @Consumes(MediaType.TEXT_PLAIN)
    Response sendMail(@PathParam("mailbox") String mailbox, @HeaderParam("Authorization") String authorization,
            String base64Mime);

    @GET
    @Path("/mailFolders/{folder}/messages")
    Response find(@PathParam("mailbox") String mailbox, @HeaderParam("Authorization") String authorization,
            @PathParam("folder") String folder, @QueryParam("$filter") String filter,
            @QueryParam("$select") String select);

    @POST
    @Path("/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    Response createDraft(@PathParam("mailbox") String mailbox, @HeaderParam("Authorization") String authorization,
            String json);

    @DELETE
    @Path("/messages/{id}")
    Response delete(@PathParam("mailbox") String mailbox, @HeaderParam("Authorization") String authorization,
            @PathParam("id") String id);

    @POST
    @Path("/messages/{id}/attachments")
    @Consumes(MediaType.APPLICATION_JSON)
    Response addAttachment(@PathParam("mailbox") String mailbox, @HeaderParam("Authorization") String authorization,
            @PathParam("id") String id, String json);

    @POST
    @Path("/messages/{id}/attachments/createUploadSession")
    @Consumes(MediaType.APPLICATION_JSON)
    Response createUploadSession(@PathParam("mailbox") String mailbox,
            @HeaderParam("Authorization") String authorization, @PathParam("id") String id, String json);

    @POST
    @Path("/messages/{id}/send")
    Response send(@PathParam("mailbox") String mailbox, @HeaderParam("Authorization") String authorization,
            @PathParam("id") String id);
}
