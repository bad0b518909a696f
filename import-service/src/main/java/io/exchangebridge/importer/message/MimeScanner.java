package io.exchangebridge.importer.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.dom.field.AddressListField;
import org.apache.james.mime4j.dom.field.ContentDispositionField;
import org.apache.james.mime4j.dom.field.DateTimeField;
import org.apache.james.mime4j.dom.field.MailboxListField;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Streaming MIME parsing with Apache mime4j's event parser: only headers are kept, bodies flow past (or, for one
 * attachment, into an output stream). Memory does not depend on the message size.
 */
public final class MimeScanner {

    private MimeScanner() {
    }

    private static MimeStreamParser parser() {
        MimeConfig config = MimeConfig.custom().setMaxLineLen(-1).setMaxHeaderLen(-1).setMaxHeaderCount(-1)
                .setStrictParsing(false).build();
        MimeStreamParser parser = new MimeStreamParser(config, DecodeMonitor.SILENT,
                new DefaultBodyDescriptorBuilder());
        parser.setContentDecoding(true);
        return parser;
    }

    /** Parses the header and finds the attachments. */
    public static MimeMetadata scan(InputStream mime) throws IOException {
        Collector collector = new Collector(-1, null);
        parse(mime, collector);
        return new MimeMetadata(collector.messageId, collector.subject, collector.from, collector.to, collector.cc,
                collector.date, collector.attachments);
    }

    /** Copies the decoded body of attachment {@code index} (0-based) to {@code out}; false when there is none. */
    public static boolean copyAttachment(InputStream mime, int index, OutputStream out) throws IOException {
        Collector collector = new Collector(index, out);
        parse(mime, collector);
        return collector.copied;
    }

    private static void parse(InputStream mime, Collector collector) throws IOException {
        MimeStreamParser parser = parser();
        parser.setContentHandler(collector);
        try {
            parser.parse(mime);
        } catch (MimeException e) {
            throw new IOException("Unparseable MIME", e);
        }
    }

    private static final class Collector extends AbstractContentHandler {

        private final int wanted;
        private final OutputStream out;
        private boolean copied;
        private boolean topHeaderDone;
        private String messageId;
        private String subject;
        private String from;
        private final List<String> to = new ArrayList<>();
        private final List<String> cc = new ArrayList<>();
        private Instant date;
        private final List<MimeMetadata.Attachment> attachments = new ArrayList<>();

        Collector(int wanted, OutputStream out) {
            this.wanted = wanted;
            this.out = out;
        }

        @Override
        public void field(Field raw) {
            if (topHeaderDone) {
                return;
            }
            String name = raw.getName().toLowerCase(Locale.ROOT);
            switch (name) {
                case "message-id" -> messageId = raw.getBody() == null ? null : raw.getBody().trim();
                case "subject" -> subject = DecoderUtil.decodeEncodedWords(unfold(raw.getBody()), DecodeMonitor.SILENT);
                case "from" -> {
                    if (LenientFieldParser.getParser().parse(raw, DecodeMonitor.SILENT) instanceof MailboxListField f
                            && f.getMailboxList() != null && f.getMailboxList().size() > 0) {
                        from = format(f.getMailboxList().get(0));
                    } else {
                        from = unfold(raw.getBody());
                    }
                }
                case "to", "cc" -> {
                    List<String> target = name.equals("to") ? to : cc;
                    if (LenientFieldParser.getParser().parse(raw, DecodeMonitor.SILENT) instanceof AddressListField f
                            && f.getAddressList() != null) {
                        AddressList list = f.getAddressList();
                        MailboxList flat = list.flatten();
                        for (Mailbox m : flat) {
                            target.add(format(m));
                        }
                    }
                }
                case "date" -> {
                    if (LenientFieldParser.getParser().parse(raw, DecodeMonitor.SILENT) instanceof DateTimeField f
                            && f.getDate() != null) {
                        date = f.getDate().toInstant();
                    }
                }
                default -> {
                }
            }
        }

        @Override
        public void endHeader() {
            topHeaderDone = true;
        }

        @Override
        public void body(BodyDescriptor bd, InputStream is) throws IOException {
            if (!(bd instanceof MaximalBodyDescriptor d)) {
                return;
            }
            String name = d.getContentDispositionFilename();
            if (name == null) {
                name = d.getContentTypeParameters().get("name");
            }
            boolean attachment = ContentDispositionField.DISPOSITION_TYPE_ATTACHMENT
                    .equalsIgnoreCase(d.getContentDispositionType()) || name != null;
            if (!attachment) {
                return;
            }
            String decodedName = name == null ? null : DecoderUtil.decodeEncodedWords(name, DecodeMonitor.SILENT);
            if (out != null && attachments.size() == wanted) {
                is.transferTo(out);
                copied = true;
            }
            attachments.add(new MimeMetadata.Attachment(decodedName, d.getMimeType()));
        }

        private static String format(Address address) {
            if (address instanceof Mailbox m) {
                return m.getName() == null || m.getName().isBlank()
                        ? m.getAddress()
                        : m.getName() + " <" + m.getAddress() + ">";
            }
            return address.toString();
        }

        private static String unfold(String s) {
            return s == null ? null : s.replaceAll("\r?\n[ \t]", " ").trim();
        }
    }
}
