package io.exchangebridge.importer.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The messages of one mailbox handled in parallel on virtual threads, as many as the mailbox's Graph session lets run
 * at once; the first error stops the rest and is rethrown.
 */
final class MessageWorkers {

    private MessageWorkers() {
    }

    static <T> void forEach(String name, int workers, List<T> items, Consumer<T> task) {
        if (items.isEmpty()) {
            return;
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(4, workers)),
                Thread.ofVirtual().name(name + "-", 0).factory())) {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> task.accept(item)));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    pool.shutdownNow();
                    Thread.currentThread().interrupt();
                    throw new ImportFailure(FailureCode.INTERNAL_ERROR, "Interrupted.");
                }
            }
        }
    }
}
