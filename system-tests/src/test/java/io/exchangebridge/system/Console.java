package io.exchangebridge.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.exchangebridge.testing.Browser;

/**
 * The admin console of one credential-service process as an administrator uses it in Chromium: signed in with HTTP
 * Basic, fields filled by their {@code name} the way a person would (typing, picking from a list, choosing a radio
 * button), links and buttons clicked, and the simulator's Microsoft sign-in pages gone through.
 */
final class Console implements AutoCloseable {

    private final Browser browser = new Browser();
    private final String baseUrl;

    /** Opens the credentials list signed in as {@code user}; Chromium keeps the credentials for the session. */
    Console(String baseUrl, String user, String password) {
        this.baseUrl = baseUrl;
        browser.open(baseUrl.replace("://", "://" + user + ":" + password + "@") + "/ui/credentials");
        assertThat(browser.title()).as("the console's first page").contains("Credentials");
    }

    Browser browser() {
        return browser;
    }

    void open(String path) {
        browser.open(baseUrl + path);
    }

    /** The path (and query) of the page shown; never the signed-in user's password (Chromium keeps it in the URL). */
    String path() {
        String url = browser.driver().getCurrentUrl().replaceFirst("://[^/@]*@", "://");
        return url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : url;
    }

    String text(String css) {
        return browser.text(css);
    }

    boolean exists(String css) {
        return browser.exists(css);
    }

    WebElement find(String css) {
        return browser.find(css);
    }

    /** Clicks a link or button that leads to another page and waits for it. */
    void click(String css) {
        browser.click(css);
    }

    /**
     * Fills the form field named {@code name} as a person would: a select gets the option with that value (or, when
     * none has it, the first whose text contains it), a radio group the button with that value, a text field is typed
     * into. A field inside a closed {@code <details>} section is opened first, as a person would click its summary.
     */
    void fill(String name, String value) {
        List<WebElement> fields = browser.driver().findElements(By.name(name));
        assertThat(fields).as("a form field named '%s' on %s", name, path()).isNotEmpty();
        WebElement field = fields.get(0);
        reveal(field);
        String tag = field.getTagName();
        String type = String.valueOf(field.getAttribute("type"));
        if (tag.equals("select")) {
            choose(new Select(field), value);
        } else if (type.equals("radio")) {
            WebElement radio = fields.stream().filter(f -> value.equals(f.getAttribute("value"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + name + " radio button with value " + value));
            radio.click();
        } else {
            field.clear();
            field.sendKeys(value);
        }
    }

    /** The option of a select (by {@code css}): by value, else the first whose visible text contains {@code value}. */
    void choose(String css, String value) {
        WebElement select = find(css);
        reveal(select);
        choose(new Select(select), value);
    }

    private static void choose(Select select, String value) {
        for (WebElement option : select.getOptions()) {
            if (value.equals(option.getAttribute("value"))) {
                select.selectByValue(value);
                return;
            }
        }
        for (WebElement option : select.getOptions()) {
            if (option.getText().contains(value)) {
                option.click();
                return;
            }
        }
        throw new AssertionError("No option '" + value + "' among "
                + select.getOptions().stream().map(o -> o.getAttribute("value") + " (" + o.getText() + ")").toList());
    }

    /** The options (value and text) of a select. */
    List<String> options(String css) {
        return new Select(find(css)).getOptions().stream().map(o -> o.getAttribute("value") + " " + o.getText())
                .toList();
    }

    private void reveal(WebElement field) {
        ((JavascriptExecutor) browser.driver()).executeScript(
                "for (let d = arguments[0].closest('details'); d; d = d.parentElement.closest('details')) d.open = true;"
                        + "arguments[0].scrollIntoView({block: 'center'});",
                field);
    }

    /** Reloads {@code path} until {@code probe} answers true (a page the console renders from another service). */
    void reloadUntil(String path, Supplier<Boolean> probe, Duration timeout, String what) {
        BridgeSetup.await(() -> {
            open(path);
            return probe.get() ? Boolean.TRUE : null;
        }, timeout, what);
    }

    /**
     * The simulator's Microsoft pages after the key icon with {@code ?prompt=select_account} in the Authorization URL:
     * pick the account, type its password, accept the permissions.
     */
    void signInAtMicrosoft(String upn, String password) {
        assertThat(browser.text("h1")).as("Microsoft's first page (prompt=select_account)")
                .isEqualTo("Pick an account");
        browser.screenshot("guide-pick-an-account");
        browser.click("button[name=login][value='" + upn + "']");
        assertThat(browser.text("h1")).isEqualTo("Sign in");
        assertThat(browser.find("#login").getAttribute("value")).isEqualTo(upn);
        browser.type("#password", password);
        browser.click("button[type=submit]");
        assertThat(browser.text("h1")).isEqualTo("Permissions requested");
        browser.click("button[name=consent][value=accept]");
    }

    void screenshot(String name) {
        browser.screenshot(name);
    }

    String source() {
        return browser.source();
    }

    @Override
    public void close() {
        browser.close();
    }
}
