package io.mqpool.server.web;

/**
 * What the pages need from the server's settings.
 *
 * @param basePath the prefix every route is served under, such as {@code /mqpool}; empty for none
 * @param readOnly whether actions are refused (pages then render without their controls)
 */
record UiSettings(String basePath, boolean readOnly) {

    UiSettings {
        if (basePath.endsWith("/")) {
            basePath = basePath.substring(0, basePath.length() - 1);
        }
    }

    /** The absolute path of a page or asset, such as {@code /mqpool/jobs} for {@code /jobs}. */
    String to(String path) {
        return basePath + path;
    }
}
