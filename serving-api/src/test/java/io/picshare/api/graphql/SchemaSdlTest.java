package io.picshare.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The canonical SDL that GraphQLIT compares the served schema with: an introspected schema comes
 * out exactly as its source, and any change to the source shows.
 */
class SchemaSdlTest {
  private static String introspected(String sdl) {
    GraphQL graphQL =
        GraphQL.newGraphQL(
                UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse(sdl)))
            .build();
    ExecutionResult result = graphQL.execute(SchemaSdl.INTROSPECTION_QUERY);
    assertThat(result.getErrors()).isEmpty();
    Map<String, Object> data = result.getData();
    return SchemaSdl.fromIntrospection(data);
  }

  @Test
  void anIntrospectedSchemaPrintsAsItsSource() {
    String file = PicShareGraphQL.schemaText();

    assertThat(introspected(file)).isEqualTo(SchemaSdl.fromSdl(file));
    assertThat(SchemaSdl.fromSdl(file))
        .contains("PicShare's GraphQL API")
        .contains("Where the photo was taken: shown to its owner only")
        .contains("feed(after: String, first: Int = 20, order: FeedOrder = TOP): PhotoConnection");
  }

  @Test
  void aChangedFieldDescriptionOrDefaultShows() {
    String file = PicShareGraphQL.schemaText();

    assertThat(introspected(file.replace("first: Int = 20, after", "first: Int = 10, after")))
        .isNotEqualTo(SchemaSdl.fromSdl(file));
    assertThat(introspected(file.replace("\"ISO-8601 instant of the upload.\"", "")))
        .isNotEqualTo(SchemaSdl.fromSdl(file));
    assertThat(
            introspected(
                file.replace(
                    "  \"Whether the caller likes the photo; null without a bearer token.\"\n"
                        + "  likedByMe: Boolean\n",
                    "")))
        .isNotEqualTo(SchemaSdl.fromSdl(file));
  }
}
