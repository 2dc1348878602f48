package ca.idnum.server.crypto;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Provides {@link EnvelopeEncryption} under the configured (or generated) key-encryption key. */
@AutoConfiguration
@EnableConfigurationProperties(CryptoProperties.class)
public class CryptoAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  KeyEncryptionKey idnumKeyEncryptionKey(CryptoProperties properties) {
    return KeyEncryptionKey.load(properties.kek(), properties.dataPath(), properties.kekGenerate());
  }

  @Bean
  @ConditionalOnMissingBean
  EnvelopeEncryption idnumEnvelopeEncryption(KeyEncryptionKey kek) {
    return new EnvelopeEncryption(kek);
  }
}
