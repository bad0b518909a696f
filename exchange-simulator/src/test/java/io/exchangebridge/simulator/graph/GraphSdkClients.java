package io.exchangebridge.simulator.graph;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.EmailAddress;
import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.models.Message;
import com.microsoft.graph.models.Recipient;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;

import io.exchangebridge.simulator.directory.Resources;

import okhttp3.OkHttpClient;

/**
 * Microsoft Graph Java SDK v6 clients, unmodified, for a {@link SimulatorGraph} over HTTPS: only base URL, authority
 * and trust store differ from production.
 */
final class GraphSdkClients {

    private final SimulatorGraph graph;
    private final OkHttpClient http;

    GraphSdkClients(SimulatorGraph graph) throws IOException, GeneralSecurityException {
        this.graph = graph;
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("simulator", graph.sim.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        X509TrustManager trustManager = (X509TrustManager) factory.getTrustManagers()[0];
        http = GraphClientFactory.create()
                .sslSocketFactory(graph.sim.clientSslContext().getSocketFactory(), trustManager).build();
    }

    /** The importer app with tokens MSAL4J acquires from the simulator's Entra ID (client credentials). */
    GraphServiceClient application() {
        ConfidentialClientApplication msal;
        try {
            msal = ConfidentialClientApplication.builder(graph.importer.clientId(),
                    ClientCredentialFactory.createFromSecret(SimulatorGraph.SECRET))
                    .authority(graph.sim.authority(SimulatorGraph.TENANT)).instanceDiscovery(false)
                    .validateAuthority(false).sslSocketFactory(graph.sim.clientSslContext().getSocketFactory())
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        return client(() -> {
            try {
                return msal.acquireToken(ClientCredentialParameters
                        .builder(Set.of("https://graph.microsoft.com/.default")).build()).get().accessToken();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** Signed in as {@code upn} with these delegated scopes (the token minted by the simulator's issuer). */
    GraphServiceClient delegated(String upn, String... scopes) {
        String token = graph.sim.tokens().delegatedToken(graph.importer, graph.contoso.findUser(upn).orElseThrow(),
                Resources.GRAPH, scopes);
        return client(() -> token);
    }

    /** A text message to one recipient, as the SDK's model classes build it. */
    static Message textMessage(String subject, String text, String to) {
        Message message = new Message();
        message.setSubject(subject);
        ItemBody body = new ItemBody();
        body.setContentType(BodyType.Text);
        body.setContent(text);
        message.setBody(body);
        Recipient recipient = new Recipient();
        EmailAddress address = new EmailAddress();
        address.setAddress(to);
        recipient.setEmailAddress(address);
        message.setToRecipients(List.of(recipient));
        return message;
    }

    private interface Token {
        String get();
    }

    private GraphServiceClient client(Token token) {
        AccessTokenProvider tokens = new AccessTokenProvider() {
            @Override
            public String getAuthorizationToken(URI uri, Map<String, Object> context) {
                return token.get();
            }

            @Override
            public AllowedHostsValidator getAllowedHostsValidator() {
                return new AllowedHostsValidator("localhost");
            }
        };
        GraphServiceClient created = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(tokens), http);
        created.getRequestAdapter().setBaseUrl(graph.sim.graphBaseUrl());
        return created;
    }
}
