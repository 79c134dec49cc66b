package org.picomesh.directory.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs}: what the API is, and every error and parameter described. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {
    static final String DESCRIPTION = """
            The picomesh directory: every pico engine registered in the market's EngineRegistry, indexed from the \
            chain, with the latency and availability this directory measured itself, and a placement answer for \
            a pico's policy (POST /api/select), where a pico lives (GET /api/picos/{did}), and a way to give a \
            pico a new policy through its current host (POST /api/picos/{did}/policy, with one of its channels as \
            the authority). Amounts are decimal strings of wei (they do not fit a JavaScript \
            number); addresses are 0x-prefixed hex. Each figure says whether it is advertised by the engine, \
            measured by this directory or read on the chain. Every error is an RFC 9457 problem \
            (application/problem+json) whose detail names the parameter or field at fault and what is accepted.""";

    @Bean
    OpenAPI directoryApi(ObjectProvider<BuildProperties> build) {
        String version = build.getIfAvailable() == null ? "development" : build.getIfAvailable().getVersion();
        return new OpenAPI().info(new Info().title("picomesh directory API").version(version)
                .description(DESCRIPTION).license(new License().name("see the project's README")));
    }

    @Bean
    OpenApiCustomizer documentedErrors() {
        return new DocumentedErrors();
    }
}
