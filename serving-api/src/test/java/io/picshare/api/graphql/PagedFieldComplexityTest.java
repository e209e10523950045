package io.picshare.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.analysis.FieldComplexityEnvironment;
import graphql.language.Field;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A paged field costs what it may return: {@code first} (at most 100) times its selection. */
class PagedFieldComplexityTest {
  private static final GraphQLSchema SCHEMA =
      UnExecutableSchemaGenerator.makeUnExecutableSchema(
          new SchemaParser().parse(PicShareGraphQL.schemaText()));

  private static int cost(String type, String field, Map<String, Object> arguments, int child) {
    GraphQLObjectType parent = SCHEMA.getObjectType(type);
    FieldComplexityEnvironment env =
        new FieldComplexityEnvironment(
            Field.newField(field).build(),
            parent.getFieldDefinition(field),
            parent,
            arguments,
            null);
    return new PagedFieldComplexity().calculate(env, child);
  }

  @Test
  void anOrdinaryFieldCostsOnePlusWhatItSelects() {
    assertThat(cost("Photo", "title", Map.of(), 0)).isEqualTo(1);
    assertThat(cost("Photo", "owner", Map.of(), 3)).isEqualTo(4);
  }

  @Test
  void aPagedFieldMultipliesItsSelectionByFirst() {
    assertThat(cost("Query", "feed", Map.of("first", 50), 4)).isEqualTo(201);
    assertThat(cost("User", "followers", Map.of("first", 1), 4)).isEqualTo(5);
    // the schema's default when the argument map has none
    assertThat(cost("User", "photos", new HashMap<>(), 4)).isEqualTo(81);
  }

  @Test
  void firstCountsAsAtMostTheLargestPageAndAtLeastOne() {
    assertThat(cost("Query", "searchPhotos", Map.of("first", 1_000_000), 2)).isEqualTo(201);
    assertThat(cost("Query", "searchPhotos", Map.of("first", -5), 2)).isEqualTo(3);
  }

  @Test
  void nestedPagesSaturateInsteadOfOverflowing() {
    assertThat(cost("User", "following", Map.of("first", 100), Integer.MAX_VALUE))
        .isEqualTo(Integer.MAX_VALUE);
  }
}
