package org.pcm2.grants.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Timings of one measured operation, in milliseconds, and their percentiles. */
final class Percentiles {

  private final List<Double> millis = new ArrayList<>();

  /** Times the call and keeps the duration. */
  <T> T time(java.util.concurrent.Callable<T> call) throws Exception {
    long start = System.nanoTime();
    T result = call.call();
    add((System.nanoTime() - start) / 1e6);
    return result;
  }

  synchronized void add(double ms) {
    millis.add(ms);
  }

  /** Keeps another run's timings too. */
  void addAll(Percentiles other) {
    List<Double> theirs;
    synchronized (other) {
      theirs = new ArrayList<>(other.millis);
    }
    synchronized (this) {
      millis.addAll(theirs);
    }
  }

  synchronized double percentile(double p) {
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  synchronized int count() {
    return millis.size();
  }

  String summary() {
    return String.format(Locale.ROOT, "p50 %.1f ms, p95 %.1f ms, max %.1f ms (n = %d)", percentile(50),
        percentile(95), percentile(100), count());
  }
}
