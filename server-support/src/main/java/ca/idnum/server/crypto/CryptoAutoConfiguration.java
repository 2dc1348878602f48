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
  KeyEncryptionKeys idnumKeyEncryptionKeys(CryptoProperties properties) {
    KeyEncryptionKey current =
        KeyEncryptionKey.load(properties.kek(), properties.dataPath(), properties.kekGenerate());
    java.util.Map<String, KeyEncryptionKey> previous = new java.util.TreeMap<>();
    properties
        .kekPrevious()
        .forEach((id, kek) -> previous.put(id, KeyEncryptionKey.fromBase64(kek)));
    return KeyEncryptionKeys.of(properties.kekId(), current, previous);
  }

  @Bean
  @ConditionalOnMissingBean
  KeyEncryptionKey idnumKeyEncryptionKey(KeyEncryptionKeys keys) {
    return keys.current();
  }

  @Bean
  @ConditionalOnMissingBean
  EnvelopeEncryption idnumEnvelopeEncryption(KeyEncryptionKeys keys) {
    return new EnvelopeEncryption(keys);
  }
}
