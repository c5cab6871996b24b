package org.openprimary.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every JSON body a module's REST resources take, read the way Payara Server reads it: with Yasson,
 * its JSON-B (the test class path holds the same version). A body type Yasson cannot build (a
 * record with a second constructor, a class without a usable constructor) makes every request to
 * its endpoint a 400 "not valid JSON of the expected shape" that no unit test of the service sees.
 */
public final class RequestBodies {

    private static final Set<String> NOT_THE_BODY = Set.of("jakarta.ws.rs.PathParam", "jakarta.ws.rs.QueryParam",
            "jakarta.ws.rs.HeaderParam", "jakarta.ws.rs.FormParam", "jakarta.ws.rs.CookieParam",
            "jakarta.ws.rs.MatrixParam", "jakarta.ws.rs.BeanParam", "jakarta.ws.rs.core.Context",
            "jakarta.ws.rs.container.Suspended");

    private RequestBodies() {
    }

    /** The JSON body types of the resources in this package and below, by the methods that take them. */
    public static Set<String> bodyTypes(String packageName) {
        Set<String> found = new TreeSet<>();
        for (Method method : resourceMethods(packageName)) {
            Parameter body = body(method);
            if (body != null && readAsJson(body.getType())) {
                found.add(body.getParameterizedType().getTypeName());
            }
        }
        return found;
    }

    /**
     * The bodies Yasson cannot read from {@code {}} (the smallest object: every property absent), each
     * with the method that takes it and why; empty when every body reads.
     */
    public static List<String> unreadable(String packageName) {
        List<String> failures = new ArrayList<>();
        try (Jsonb jsonb = JsonbBuilder.create()) {
            for (Method method : resourceMethods(packageName)) {
                Parameter body = body(method);
                if (body == null || !readAsJson(body.getType())) {
                    continue;
                }
                Type type = body.getParameterizedType();
                try {
                    if (jsonb.fromJson("{}", type) == null) {
                        failures.add(type.getTypeName() + " (" + where(method) + "): read as null");
                    }
                } catch (RuntimeException e) {
                    failures.add(type.getTypeName() + " (" + where(method) + "): " + e);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("no JSON-B provider on the test class path", e);
        }
        return failures;
    }

    private static List<Method> resourceMethods(String packageName) {
        List<Method> methods = new ArrayList<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(packageName)) {
            if (!type.isAnnotatedWith("jakarta.ws.rs.Path")) {
                continue;
            }
            for (Method method : type.reflect().getDeclaredMethods()) {
                if (isHttpMethod(method)) {
                    methods.add(method);
                }
            }
        }
        methods.sort(java.util.Comparator.comparing(RequestBodies::where));
        return methods;
    }

    private static boolean isHttpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(jakarta.ws.rs.HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }

    /** The parameter JAX-RS fills from the request's body: the one without a parameter annotation. */
    private static Parameter body(Method method) {
        for (Parameter parameter : method.getParameters()) {
            boolean annotated = false;
            for (Annotation annotation : parameter.getAnnotations()) {
                annotated |= NOT_THE_BODY.contains(annotation.annotationType().getName());
            }
            if (!annotated) {
                return parameter;
            }
        }
        return null;
    }

    /** Bodies read as text, bytes or a stream (a CSV import, a form) are not JSON-B's. */
    private static boolean readAsJson(Class<?> type) {
        return !(type == String.class || type == byte[].class || java.io.InputStream.class.isAssignableFrom(type)
                || java.io.Reader.class.isAssignableFrom(type) || type.getName().startsWith("jakarta.ws.rs.")
                || type.getName().startsWith("jakarta.json.Json"));
    }

    private static String where(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
}
