package io.github.lpconnector.camel.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

/**
 * An in-memory log4j2 appender on the root logger: keeps each event's formatted message, and the
 * {@code toString()} and stack trace of its throwable, for tests that check what was logged.
 */
public final class CapturingAppender extends AbstractAppender implements AutoCloseable {

    private final List<String> captured = new CopyOnWriteArrayList<>();

    private CapturingAppender() {
        super("capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
    }

    /** Adds a new appender to the root logger of the current log4j2 configuration. */
    public static CapturingAppender install() {
        CapturingAppender appender = new CapturingAppender();
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        configuration.addAppender(appender);
        configuration.getRootLogger().addAppender(appender, Level.ALL, null);
        context.updateLoggers();
        return appender;
    }

    @Override
    public void append(LogEvent event) {
        StringBuilder text = new StringBuilder(event.getLoggerName()).append(' ')
                .append(event.getMessage().getFormattedMessage());
        Throwable thrown = event.getThrown();
        if (thrown != null) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            text.append('\n').append(thrown).append('\n').append(trace);
        }
        captured.add(text.toString());
    }

    public List<String> events() {
        return List.copyOf(captured);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(getName());
        context.updateLoggers();
        stop();
    }
}
