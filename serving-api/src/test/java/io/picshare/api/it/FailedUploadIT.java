package io.picshare.api.it;

import static io.picshare.api.it.ApiClient.json;
import static io.picshare.api.it.ApiClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.picshare.api.PicShareApi;
import io.picshare.schema.blob.PhotoPaths;
import io.picshare.schema.table.PhotoIdsTable;
import io.picshare.stack.StackEndpoints;
import io.picshare.stack.junit.LocalStackExtension;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An upload that fails after its bytes reached HDFS leaves nothing behind: no photo, no stray file.
 */
@ExtendWith(LocalStackExtension.class)
class FailedUploadIT {
  @Test
  void metadataFailureRemovesTheStoredFileAndShowsNoPhoto(StackEndpoints stack) throws Exception {
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", stack.zookeeperQuorum());
    try (PicShareApi api = PicShareApi.start(StackConfigs.api(stack)).await(60, TimeUnit.SECONDS);
        Connection connection = ConnectionFactory.createConnection(conf);
        Admin admin = connection.getAdmin();
        FileSystem hdfs = FileSystem.newInstance(stack.hdfs(), new Configuration())) {
      ApiClient client = new ApiClient(api.port());
      String username = "fay_" + UUID.randomUUID().toString().substring(0, 8);
      client.signUp(username);
      String token = client.logIn(username);
      List<String> filesBefore = incomingFiles(hdfs);

      admin.disableTable(PhotoIdsTable.NAME);
      HttpResponse<byte[]> failed;
      try {
        failed = client.upload(token, TestPhotos.jpeg(120, 90, 77), "doomed");
      } finally {
        admin.enableTable(PhotoIdsTable.NAME);
      }

      assertThat(failed.statusCode()).as(text(failed)).isEqualTo(503);
      assertThat(json(failed).getString("code")).isEqualTo("service-unavailable");
      assertThat(incomingFiles(hdfs)).isEqualTo(filesBefore);
      assertThat(json(client.get("/v1/users/" + username + "/photos")).getJsonArray("items"))
          .isEmpty();
      assertThat(json(client.get("/v1/users/" + username)).getLong("photo_count")).isZero();

      HttpResponse<byte[]> retried =
          client.upload(token, TestPhotos.jpeg(120, 90, 77), "doomed no more");
      assertThat(retried.statusCode()).as(text(retried)).isEqualTo(201);
    }
  }

  private static List<String> incomingFiles(FileSystem hdfs) throws Exception {
    List<String> files = new ArrayList<>();
    if (!hdfs.exists(new Path(PhotoPaths.INCOMING))) {
      return files;
    }
    RemoteIterator<LocatedFileStatus> listing = hdfs.listFiles(new Path(PhotoPaths.INCOMING), true);
    while (listing.hasNext()) {
      files.add(listing.next().getPath().toUri().getPath());
    }
    files.sort(null);
    return files;
  }
}
