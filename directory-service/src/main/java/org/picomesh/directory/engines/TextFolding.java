package org.picomesh.directory.engines;

/**
 * Lower case as PostgreSQL's {@code ilike} folds it in the database's {@code lc_ctype}: ASCII letters only in
 * the C locale, every character's simple lower case otherwise.
 */
enum TextFolding {
    ASCII {
        @Override
        String fold(String text) {
            StringBuilder folded = null;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= 'A' && c <= 'Z') {
                    if (folded == null) {
                        folded = new StringBuilder(text);
                    }
                    folded.setCharAt(i, (char) (c + ('a' - 'A')));
                }
            }
            return folded == null ? text : folded.toString();
        }
    },
    UNICODE {
        @Override
        String fold(String text) {
            StringBuilder folded = new StringBuilder(text.length());
            text.codePoints().map(Character::toLowerCase).forEach(folded::appendCodePoint);
            return folded.toString();
        }
    };

    abstract String fold(String text);

    static TextFolding forCtype(String lcCtype) {
        return "C".equals(lcCtype) || "POSIX".equals(lcCtype) ? ASCII : UNICODE;
    }
}
