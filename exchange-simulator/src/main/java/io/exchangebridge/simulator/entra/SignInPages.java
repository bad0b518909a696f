package io.exchangebridge.simulator.entra;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

import io.exchangebridge.simulator.directory.User;

/**
 * The HTML of the sign-in, account picker, consent and error pages: plain forms (no JavaScript), labelled fields, one
 * {@code h1} per page, so a browser, a screen reader or a scripted client can go through them.
 */
final class SignInPages {

    private SignInPages() {
    }

    static String signIn(String action, Map<String, String> params, String appName, String login, String error) {
        String alert = error == null ? "" : "<p role=\"alert\" class=\"error\" id=\"error\">" + esc(error) + "</p>";
        return page("Sign in to your account", """
                <h1>Sign in</h1>
                <p>to continue to <strong>%s</strong></p>
                <form method="post" action="%s">
                %s<input type="hidden" name="step" value="signin">
                <label for="login">Email, phone, or Skype</label>
                <input id="login" name="login" type="email" autocomplete="username" required value="%s"%s>
                <label for="password">Password</label>
                <input id="password" name="password" type="password" autocomplete="current-password">
                %s
                <button type="submit">Sign in</button>
                </form>
                """.formatted(esc(appName), esc(action), hidden(params), esc(login),
                error == null ? "" : " aria-describedby=\"error\"", alert));
    }

    static String accountPicker(String action, Map<String, String> params, String appName, Collection<User> users) {
        StringBuilder items = new StringBuilder();
        for (User user : users) {
            items.append("<li><button type=\"submit\" name=\"login\" value=\"").append(esc(user.upn())).append("\">")
                    .append(esc(user.displayName())).append(" <span class=\"upn\">").append(esc(user.upn()))
                    .append("</span></button></li>\n");
        }
        items.append("<li><button type=\"submit\" name=\"login\" value=\"\">Use another account</button></li>\n");
        return page("Pick an account", """
                <h1>Pick an account</h1>
                <p>to continue to <strong>%s</strong></p>
                <form method="post" action="%s">
                %s<input type="hidden" name="step" value="pick">
                <ul class="accounts">
                %s</ul>
                </form>
                """.formatted(esc(appName), esc(action), hidden(params), items));
    }

    static String consent(String action, String session, String appName, User user,
            Map<String, Set<String>> permissions, boolean withheld) {
        StringBuilder list = new StringBuilder();
        permissions.forEach((resource, scopes) -> scopes.stream().sorted().forEach(scope -> list.append("<li>")
                .append(esc(scope)).append(" <span class=\"resource\">(").append(esc(resource))
                .append(")</span></li>\n")));
        String buttons = withheld
                ? """
                        <p role="alert">%s needs permission to access resources in your organization that only an admin can grant. Please ask an admin to grant permission to this app before you can use it.</p>
                        <button type="submit" name="consent" value="decline">Return to the application without granting consent</button>
                        """
                        .formatted(esc(appName))
                : """
                        <button type="submit" name="consent" value="accept">Accept</button>
                        <button type="submit" name="consent" value="decline">Cancel</button>
                        """;
        return page(withheld ? "Need admin approval" : "Permissions requested", """
                <h1>%s</h1>
                <p><strong>%s</strong> (signed in as %s)</p>
                <p>This app would like to:</p>
                <ul class="permissions">
                %s</ul>
                <form method="post" action="%s">
                <input type="hidden" name="step" value="consent">
                <input type="hidden" name="session" value="%s">
                %s</form>
                """.formatted(withheld ? "Need admin approval" : "Permissions requested", esc(appName),
                esc(user.upn()), list, esc(action), esc(session), buttons));
    }

    /** Entra's page after a sign-out without a (registered) {@code post_logout_redirect_uri}. */
    static String signedOut() {
        return page("Sign out", """
                <h1>You signed out of your account</h1>
                <p>It's a good idea to close all browser windows.</p>
                """);
    }

    static String error(String description) {
        return page("Sign in error", """
                <h1>Sorry, but we're having trouble signing you in.</h1>
                <p role="alert" class="error">%s</p>
                """.formatted(esc(description)));
    }

    /** {@code response_mode=form_post}: a form the browser submits to the client (a button, since no JavaScript). */
    static String formPost(String redirectUri, Map<String, String> fields) {
        return page("Continue", """
                <h1>Signing you in</h1>
                <form method="post" action="%s">
                %s<button type="submit">Continue</button>
                </form>
                """.formatted(esc(redirectUri), hidden(fields)));
    }

    private static String hidden(Map<String, String> params) {
        StringBuilder html = new StringBuilder();
        params.forEach((name, value) -> html.append("<input type=\"hidden\" name=\"").append(esc(name))
                .append("\" value=\"").append(esc(value)).append("\">\n"));
        return html.toString();
    }

    private static String page(String title, String main) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>body{font-family:sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
                label,input,button{display:block;margin:.4rem 0;font-size:1rem}input{width:100%%;padding:.4rem}
                button{padding:.5rem 1rem}ul{list-style:none;padding:0}.error{color:#a4262c}.upn,.resource{color:#555}</style>
                </head>
                <body><main>
                %s</main></body>
                </html>
                """
                .formatted(esc(title), main);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
