package dev.veles.jdbc.remote;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Locale;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ConnectionConfig;
import org.apache.calcite.avatica.remote.AuthenticationType;
import org.apache.calcite.avatica.remote.AvaticaHttpClientFactoryImpl;
import org.apache.calcite.avatica.remote.Service;

/**
 * Builds the {@link Service} of a remote connection: a {@link ServerLink} over a new {@link
 * HttpTransport} (or over the Avatica client named by {@code httpclient_impl}), with protobuf or
 * JSON encoding. Avatica instantiates it by name from the connection's {@code factory} property,
 * which {@link VelesRemoteDriver} sets, while it constructs the connection: this is how the
 * connection gets a service (and a transport) of its own. The connection finds its link again
 * through {@link AvaticaConnection#getService()}.
 *
 * <p>Stateless and thread-safe; public only because Avatica loads it by name.
 */
public final class RemoteServiceFactory implements Service.Factory {
  /** Idle sockets live 30 s: half the idle timeout (60 s) of Avatica's Jetty connector. */
  static final int IDLE_TIMEOUT_MS = 30_000;

  static final int MAX_IDLE_SOCKETS = 4;

  public RemoteServiceFactory() {}

  @Override
  public Service create(AvaticaConnection connection) {
    ConnectionConfig config = connection.config();
    URL url;
    try {
      url = new URI(config.url()).toURL();
    } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
      throw new RemoteFailure(
          RemoteSqlState.CANNOT_CONNECT, "not a server address: " + config.url(), e);
    }
    String impl = config.httpClientClass();
    ServerLink link;
    if (impl == null || impl.equals(HttpTransport.class.getName())) {
      int socketTimeout = (int) config.getHttpResponseTimeout();
      HttpTransport transport =
          new HttpTransport(
              url,
              new HttpTransport.Settings(
                  (int) config.getHttpConnectionTimeout(),
                  socketTimeout,
                  IDLE_TIMEOUT_MS,
                  MAX_IDLE_SOCKETS));
      configure(transport, config);
      link = new ServerLink(transport, socketTimeout);
    } else {
      link =
          new ServerLink(
              AvaticaHttpClientFactoryImpl.getInstance()
                  .getClient(url, config, connection.getKerberosConnection()));
    }
    String serialization = config.serialization();
    return serialization != null && serialization.toLowerCase(Locale.ROOT).equals("json")
        ? new JsonCalls(link)
        : new ProtobufCalls(link);
  }

  /** TLS and authentication settings, as Avatica's client factory would apply them. */
  private static void configure(HttpTransport transport, ConnectionConfig config) {
    if (config.truststore() != null) {
      transport.setTrustStore(config.truststore(), config.truststorePassword());
    }
    if (config.keystore() != null) {
      transport.setKeyStore(config.keystore(), config.keystorePassword(), config.keyPassword());
    }
    transport.setHostnameVerification(config.hostnameVerification());
    String authentication = config.authentication();
    if (authentication == null) {
      return;
    }
    AuthenticationType type;
    try {
      type = AuthenticationType.valueOf(authentication.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new RemoteFailure(
          RemoteSqlState.CANNOT_CONNECT, "unknown authentication '" + authentication + "'", e);
    }
    switch (type) {
      case NONE -> {}
      case BASIC, DIGEST -> {
        // Without credentials the server's 401 says what is missing, as with Avatica's client.
        if (config.avaticaUser() != null && config.avaticaPassword() != null) {
          transport.setUsernamePassword(type, config.avaticaUser(), config.avaticaPassword());
        }
      }
      default ->
          throw new RemoteFailure(
              RemoteSqlState.FEATURE_NOT_SUPPORTED,
              "authentication "
                  + type
                  + " is not supported by the Veles client's transport; name another Avatica"
                  + " HTTP client with httpclient_impl",
              null);
    }
  }
}
