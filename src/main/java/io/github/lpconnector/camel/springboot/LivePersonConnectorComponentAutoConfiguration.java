package io.github.lpconnector.camel.springboot;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.lpconnector.camel.LivePersonConnectorComponent;
import io.github.lpconnector.camel.LivePersonConnectorConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.StringHelper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Spring Boot: configures the {@code liveperson-connector} component from {@code camel.component.liveperson-connector.*}
 * (kebab or camel case, e.g. {@code account-id}), through the component's generated configurer, so every component
 * option is covered without a copy of the option list. Active with camel-spring-boot on the classpath; registered in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}. Set
 * {@code camel.component.liveperson-connector.customizer.enabled=false} to leave the component alone.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@ConditionalOnClass({ CamelContext.class, CamelAutoConfiguration.class })
public class LivePersonConnectorComponentAutoConfiguration {

    public static final String PREFIX = "camel.component." + LivePersonConnectorConstants.SCHEME;

    @Bean
    public ComponentCustomizer livePersonConnectorComponentCustomizer(Environment environment) {
        Map<String, Object> options = options(environment);
        return new ComponentCustomizer() {
            @Override
            public boolean isEnabled(String name, Component target) {
                return target instanceof LivePersonConnectorComponent && !options.isEmpty();
            }

            @Override
            public void configure(String name, Component target) {
                LivePersonConnectorComponent component = (LivePersonConnectorComponent) target;
                PropertyBindingSupport.build()
                        .withCamelContext(component.getCamelContext())
                        .withTarget(component)
                        .withConfigurer(component.getComponentPropertyConfigurer())
                        .withProperties(new LinkedHashMap<>(options))
                        .withIgnoreCase(true)
                        .withMandatory(true) // a misspelt option fails at startup rather than being ignored
                        .bind();
            }
        };
    }

    /** The options under {@link #PREFIX}, camel-cased and flattened; {@code customizer.enabled=false} gives none. */
    static Map<String, Object> options(Environment environment) {
        Map<String, Object> raw = Binder.get(environment)
                .bind(PREFIX, Bindable.mapOf(String.class, Object.class)).orElse(Map.of());
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", raw, flat);
        Object enabled = flat.remove("customizer.enabled");
        flat.remove("enabled");
        if (enabled != null && "false".equalsIgnoreCase(enabled.toString())) {
            return Map.of();
        }
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> source, Map<String, Object> target) {
        source.forEach((key, value) -> {
            String name = prefix + StringHelper.dashToCamelCase(key.toString());
            if (value instanceof Map<?, ?> nested) {
                flatten(name + ".", nested, target);
            } else {
                target.put(name, value);
            }
        });
    }
}
