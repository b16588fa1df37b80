package io.mqpool.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.apache.activemq.artemis.utils.SecurityManagerUtil;

/**
 * Who may use the broker when it asks for credentials: the engine in this JVM (a password made
 * at start and never written down), with every right, and the workers, with only what a worker
 * needs (see {@link BrokerConfiguration}'s roles). Nobody else.
 */
final class BrokerSecurity implements ActiveMQSecurityManager5 {

    static final String ENGINE_ROLE = "engine";
    static final String WORKER_ROLE = "worker";

    /** Password and role by user. */
    private final Map<String, Account> accounts;

    private record Account(byte[] password, String role) {
    }

    BrokerSecurity(BrokerCredentials engine, BrokerCredentials workers) {
        if (engine.user().equals(workers.user())) {
            throw new IllegalArgumentException("the engine and the workers need different users, both are "
                    + engine.user());
        }
        accounts = Map.of(
                engine.user(), new Account(bytes(engine.password()), ENGINE_ROLE),
                workers.user(), new Account(bytes(workers.password()), WORKER_ROLE));
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String domain) {
        Account account = user == null ? null : accounts.get(user);
        // Compared in constant time, so the time taken tells nothing about the password.
        if (account == null || password == null || !MessageDigest.isEqual(account.password(), bytes(password))) {
            return null;
        }
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        subject.getPrincipals().add(new RolePrincipal(account.role()));
        return subject;
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        return SecurityManagerUtil.authorize(subject, roles, checkType, RolePrincipal.class);
    }

    @Override
    public boolean validateUser(String user, String password) {
        return authenticate(user, password, null, null) != null;
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        Subject subject = authenticate(user, password, null, null);
        return subject != null && authorize(subject, roles, checkType, null);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
