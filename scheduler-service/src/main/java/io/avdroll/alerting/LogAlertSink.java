package io.avdroll.alerting;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/** Every alert as one WARN line, with the rollout, pool, host and stage as MDC fields for JSON logs. */
public final class LogAlertSink implements AlertSink {

    private static final Logger LOG = Logger.getLogger("io.avdroll.alerts");

    @Override
    public void send(Alert alert) {
        MDC.put("alert", alert.kind().name());
        MDC.put("rolloutId", alert.rolloutId());
        MDC.put("hostPool", alert.hostPool());
        alert.host().ifPresent(h -> MDC.put("host", h));
        MDC.put("stage", alert.stage());
        try {
            LOG.warnf("ALERT %s (reason: %s)", alert.summary(), alert.reason());
        } finally {
            for (String key : new String[] {"alert", "rolloutId", "hostPool", "host", "stage"}) {
                MDC.remove(key);
            }
        }
    }

    @Override
    public String name() {
        return "log";
    }
}
