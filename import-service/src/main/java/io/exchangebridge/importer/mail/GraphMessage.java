package io.exchangebridge.importer.mail;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Graph's JSON of a message as selected by {@link MailGraph}; {@link #toMessage()} is what the importer gets. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
record GraphMessage(String id, String internetMessageId, @JsonProperty("isRead") Boolean isRead,
        List<ExtendedProperty> singleValueExtendedProperties) {

    /** A {@code singleValueExtendedProperties} entry; Graph sends the value as a string. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ExtendedProperty(String id, String value) {
    }

    MailMessage toMessage() {
        return new MailMessage(id, internetMessageId, isRead != null && isRead, size());
    }

    private long size() {
        long size = -1;
        if (singleValueExtendedProperties != null) {
            for (ExtendedProperty p : singleValueExtendedProperties) {
                String name = p.id() == null ? "" : p.id().toLowerCase(Locale.ROOT).replace("0x0e08", "0xe08");
                if (name.equals("long 0xe08")) {
                    size = parse(p.value());
                }
            }
        }
        return size;
    }

    private static long parse(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
