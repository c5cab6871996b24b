package org.openprimary.launcher;

/**
 * Where the cluster's processes listen on this machine, away from the single run's 8080, 4848 and
 * 54329: instance {@code i} is the domain {@code cluster<i>} created with the port base
 * {@code 28000 + 100 i} (Payara then puts admin at base+48, HTTP at base+80, HTTPS at +81, IIOP at
 * +37..39, JMX at +86, JMS at +76, so no two domains clash), PostgreSQL at 28432, nginx at 8088.
 */
final class ClusterPorts {

    static final int MAX_INSTANCES = 3;
    static final int BALANCER = 8088;
    static final int DATABASE = 28432;

    private ClusterPorts() {
    }

    static String domain(int instance) {
        return "cluster" + instance;
    }

    static int base(int instance) {
        return 28000 + 100 * instance;
    }

    static int admin(int instance) {
        return base(instance) + 48;
    }

    static int http(int instance) {
        return base(instance) + 80;
    }

    static String describe(int instances) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= instances; i++) {
            text.append(i == 1 ? "" : ", ").append(domain(i)).append(" http://127.0.0.1:").append(http(i)).append('/');
        }
        return text.toString();
    }
}
