package io.exchangebridge.smtp.delivery;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Microsoft Graph {@code sendMail} with a MIME body: base64 of the message, {@code Content-Type: text/plain}. */
@Path("/users/{mailbox}/sendMail")
interface GraphRestClient {

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    Response sendMail(@PathParam("mailbox") String mailbox, @HeaderParam("Authorization") String authorization,
            String base64Mime);
}
