package io.exchangebridge.simulator.testmail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

/** Deterministic content derived from a seed: words, binary attachment bytes, small PNG images. */
final class RandomContent {

    private static final String[] WORDS = {"invoice", "meeting", "quarterly", "report", "attached", "please",
            "review", "budget", "delivery", "schedule", "contract", "customer", "shipment", "approval", "agenda",
            "project", "status", "update", "thanks", "regards", "order", "payment", "reminder", "draft", "final"};
    private static final int CHUNK = 64 * 1024;

    private RandomContent() {
    }

    /** A few sentences of plausible business prose. */
    static String prose(SplittableRandom random, int sentences) {
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < sentences; s++) {
            int words = 6 + random.nextInt(10);
            for (int w = 0; w < words; w++) {
                String word = WORDS[random.nextInt(WORDS.length)];
                sb.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                sb.append(w == words - 1 ? ". " : " ");
            }
            if (s % 3 == 2) {
                sb.append("\n");
            }
        }
        return sb.toString().strip() + "\n";
    }

    /** Writes {@code size} pseudo-random bytes in 64 KB chunks: a 50 MB attachment never sits in memory. */
    static void writeBytes(long seed, long size, OutputStream out) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[CHUNK];
        long remaining = size;
        while (remaining > 0) {
            int n = (int) Math.min(CHUNK, remaining);
            random.nextBytes(chunk);
            out.write(chunk, 0, n);
            remaining -= n;
        }
    }

    /** A small PNG of seeded colour stripes. */
    static byte[] png(long seed, int width, int height) {
        SplittableRandom random = new SplittableRandom(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            int rgb = random.nextInt(0x1000000);
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
