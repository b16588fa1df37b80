package io.mqpool.config;

/**
 * One setting as the user wrote it, before it is typed.
 *
 * @param value the text, untrimmed
 * @param source where it came from, for messages: {@code flag}, {@code MQPOOL_WORKERS},
 *     {@code file /home/me/.mqpool/mqpool.properties} or {@code default}
 */
record RawSetting(String value, String source) {
}
