package io.mqpool.server.web;

import io.mqpool.config.TlsSettings;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** Jetty's HTTPS connector from the settings' keystore. */
final class Https {

    private Https() {
    }

    static ServerConnector connector(Server server, HttpConfiguration plain, TlsSettings tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(tls.keystore().toAbsolutePath().toString());
        ssl.setKeyStorePassword(tls.password());
        HttpConfiguration secure = new HttpConfiguration(plain);
        // No check that the name asked for is the certificate's: clients reach a server by
        // address as often as by name, and the client's own check of the certificate is what counts.
        secure.addCustomizer(new SecureRequestCustomizer(false));
        return new ServerConnector(server, ssl, new HttpConnectionFactory(secure));
    }
}
