package io.picshare.api.graphql;

import graphql.introspection.IntrospectionQueryBuilder;
import graphql.introspection.IntrospectionResultToSchema;
import graphql.language.Definition;
import graphql.language.DirectiveDefinition;
import graphql.language.Document;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.SchemaPrinter;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.util.List;
import java.util.Map;

/**
 * A schema in one canonical SDL (types, fields and arguments sorted, descriptions kept, the
 * built-in directive definitions left out), from the schema file or from what a server answers to
 * introspection, so that the two can be compared.
 */
public final class SchemaSdl {
  /** The introspection query: with descriptions, including the schema's own. */
  public static final String INTROSPECTION_QUERY =
      IntrospectionQueryBuilder.build(
          IntrospectionQueryBuilder.Options.defaultOptions()
              .descriptions(true)
              .schemaDescription(true)
              .specifiedByUrl(true)
              .directiveIsRepeatable(true)
              .inputValueDeprecation(true));

  private SchemaSdl() {}

  public static String fromSdl(String sdl) {
    return print(new SchemaParser().parse(sdl));
  }

  /** From the {@code data} of an answer to {@link #INTROSPECTION_QUERY}. */
  @SuppressWarnings("rawtypes") // graphql-java lists definitions as the raw Definition
  public static String fromIntrospection(Map<String, Object> data) {
    Document document = new IntrospectionResultToSchema().createSchemaDefinition(data);
    List<Definition> types =
        document.getDefinitions().stream()
            .filter(definition -> !(definition instanceof DirectiveDefinition))
            .toList();
    return print(new SchemaParser().buildRegistry(document.transform(b -> b.definitions(types))));
  }

  private static String print(TypeDefinitionRegistry registry) {
    return new SchemaPrinter(
            SchemaPrinter.Options.defaultOptions()
                .includeDirectiveDefinitions(false)
                .includeSchemaDefinition(true))
        .print(UnExecutableSchemaGenerator.makeUnExecutableSchema(registry));
  }
}
