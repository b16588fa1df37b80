package io.mqpool.engine.store;

/**
 * What the row count of a statement aimed at one row by its key means. One: it happened. Zero,
 * for a conditional statement: its condition no longer held because another transaction got there
 * first (a lost race) or the row is gone, and the caller answers false or empty. More than one:
 * the key did not pick one row, which is a bug in the schema or the statement, reported rather
 * than counted as a success.
 */
final class RowCount {

    private RowCount() {
    }

    /**
     * For a conditional statement: true if it changed its row, false if it lost the race.
     *
     * @throws StoreException if it changed more than one row
     */
    static boolean atMostOne(int rows, String statement) {
        if (rows > 1) {
            throw new StoreException(statement + " touched " + rows + " rows, expected at most 1");
        }
        return rows == 1;
    }

    /**
     * For a statement whose row must be there and match, such as counting outcomes of a running
     * job inside the transaction that recorded them.
     *
     * @throws StoreException if it changed no row or more than one
     */
    static void exactlyOne(int rows, String statement) {
        if (rows != 1) {
            throw new StoreException(statement + " touched " + rows + " rows, expected 1");
        }
    }
}
