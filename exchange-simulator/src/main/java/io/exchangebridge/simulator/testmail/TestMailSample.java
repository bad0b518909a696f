package io.exchangebridge.simulator.testmail;

/**
 * One named message of the {@link TestMailCorpus}.
 *
 * @param name
 *            a stable, file-name-safe name, e.g. {@code iso-2022-jp}
 * @param description
 *            what the sample exercises
 * @param mail
 *            the message
 */
public record TestMailSample(String name, String description, TestMail mail) {
}
