package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/** The machine the benchmark client runs on, as the report's first line describes it. */
public record MachineInfo(
    int cpus, long maxHeapBytes, String javaVersion, String javaVm, String os) {
  public MachineInfo {
    requireNonNull(javaVersion, "javaVersion is null");
    requireNonNull(javaVm, "javaVm is null");
    requireNonNull(os, "os is null");
  }

  /**
   * This JVM: {@code availableProcessors} is what {@code nproc} prints (cgroup and affinity aware).
   */
  public static MachineInfo current() {
    return new MachineInfo(
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory(),
        System.getProperty("java.version", "?"),
        System.getProperty("java.vm.name", "?"),
        System.getProperty("os.name", "?")
            + " "
            + System.getProperty("os.version", "?")
            + " "
            + System.getProperty("os.arch", "?"));
  }

  public String describe() {
    return String.format(
        Locale.ROOT,
        "%d CPUs (nproc), JVM max heap %.1f GiB, Java %s (%s), %s",
        cpus,
        maxHeapBytes / (1024.0 * 1024 * 1024),
        javaVersion,
        javaVm,
        os);
  }
}
