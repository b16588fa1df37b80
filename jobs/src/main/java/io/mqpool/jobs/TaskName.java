package io.mqpool.jobs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The stable, user-visible name of a {@link Task}, such as {@code compute_square}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TaskName {
    /** Lower-case letters, digits and underscores, starting with a letter. */
    String value();
}
