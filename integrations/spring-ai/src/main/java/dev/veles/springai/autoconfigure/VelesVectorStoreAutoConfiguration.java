package dev.veles.springai.autoconfigure;

import dev.veles.springai.VelesVectorStore;
import io.micrometer.observation.ObservationRegistry;
import javax.sql.DataSource;
import org.springframework.ai.embedding.BatchingStrategy;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationConvention;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Spring Boot auto-configuration of a {@link VelesVectorStore} bean from {@code
 * spring.ai.vectorstore.veles.*}: with the application's {@link EmbeddingModel}, the Veles database
 * at {@code url} or {@code path} (else the application's {@link DataSource}), and the application's
 * {@code ObservationRegistry}, {@code BatchingStrategy} and observation convention when it has
 * them.
 */
@AutoConfiguration
@ConditionalOnClass(VelesVectorStore.class)
@ConditionalOnBean(EmbeddingModel.class)
@EnableConfigurationProperties(VelesVectorStoreProperties.class)
public class VelesVectorStoreAutoConfiguration {

  /** The store; an application's own {@link VectorStore} bean wins. */
  @Bean
  @ConditionalOnMissingBean(VectorStore.class)
  public VelesVectorStore velesVectorStore(
      EmbeddingModel embeddingModel,
      VelesVectorStoreProperties properties,
      ObjectProvider<DataSource> dataSources,
      ObjectProvider<ObservationRegistry> observationRegistry,
      ObjectProvider<VectorStoreObservationConvention> convention,
      ObjectProvider<BatchingStrategy> batchingStrategy) {
    VelesVectorStore.Builder builder =
        VelesVectorStore.builder(dataSource(properties, dataSources), embeddingModel)
            .table(properties.getTable())
            .dimension(properties.getDimension())
            .distance(properties.getMetric())
            .index(properties.getIndex().getM(), properties.getIndex().getEfConstruction())
            .initializeSchema(properties.isInitializeSchema())
            .observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP))
            .customObservationConvention(convention.getIfAvailable(() -> null));
    BatchingStrategy batching = batchingStrategy.getIfUnique();
    if (batching != null) {
      builder.batchingStrategy(batching);
    }
    return builder.build();
  }

  private static DataSource dataSource(
      VelesVectorStoreProperties properties, ObjectProvider<DataSource> dataSources) {
    if (properties.getUrl() != null && properties.getPath() != null) {
      throw new IllegalStateException(
          VelesVectorStoreProperties.PREFIX + ": set url (a server) or path (embedded), not both");
    }
    if (properties.getUrl() != null) {
      return new VelesDriverDataSource("jdbc:veles:url=" + properties.getUrl());
    }
    if (properties.getPath() != null) {
      return new VelesDriverDataSource("jdbc:veles:path=" + properties.getPath());
    }
    DataSource ds = dataSources.getIfUnique();
    if (ds == null) {
      throw new IllegalStateException(
          "set "
              + VelesVectorStoreProperties.PREFIX
              + ".url or .path, or define one DataSource bean of the Veles driver");
    }
    return ds;
  }
}
