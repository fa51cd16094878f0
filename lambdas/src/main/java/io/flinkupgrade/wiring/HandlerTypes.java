package io.flinkupgrade.wiring;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/** The {@code I} and {@code O} of a handler's {@code RequestHandler<I, O>}: what the Java runtime reads and writes as JSON. */
public final class HandlerTypes {
    private HandlerTypes() {}

    public static Type input(Class<?> handler) {
        return of(handler).getActualTypeArguments()[0];
    }

    public static Type output(Class<?> handler) {
        return of(handler).getActualTypeArguments()[1];
    }

    private static ParameterizedType of(Class<?> handler) {
        for (Type type : handler.getGenericInterfaces()) {
            if (type instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                return p;
            }
        }
        throw new IllegalArgumentException(handler.getName() + " does not implement RequestHandler<I, O> directly");
    }
}
