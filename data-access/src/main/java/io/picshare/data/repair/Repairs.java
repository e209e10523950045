package io.picshare.data.repair;

import io.picshare.data.hbase.HBaseConnection;
import java.io.PrintStream;

/** Runs {@link PhotoRepair} then {@link SocialRepair} and prints what each found and healed. */
public final class Repairs {
  private Repairs() {}

  public static void run(HBaseConnection hbase, PrintStream out) {
    long started = System.nanoTime();
    PhotoRepair.Report report = new PhotoRepair(hbase).run();
    out.printf(
        "scanned %d photo rows and %d users in %d ms%n",
        report.photosScanned(), report.usersScanned(), (System.nanoTime() - started) / 1_000_000);
    out.printf(
        "finished %d interrupted deletions; corrected %d photo counts%n",
        report.deletionsFinished(), report.countsCorrected());
    started = System.nanoTime();
    SocialRepair.Report social = new SocialRepair(hbase).run();
    out.printf(
        "scanned %d follows and %d likes in %d ms%n",
        social.followsScanned(), social.likesScanned(), (System.nanoTime() - started) / 1_000_000);
    out.printf(
        "restored %d and removed %d follow list rows; corrected %d follow counts and %d like"
            + " counts%n",
        social.listRowsRestored(),
        social.listRowsRemoved(),
        social.followCountsCorrected(),
        social.likeCountsCorrected());
  }
}
