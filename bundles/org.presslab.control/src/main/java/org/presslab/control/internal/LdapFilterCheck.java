package org.presslab.control.internal;

/**
 * Syntax check of an RFC 1960 LDAP filter as OSGi uses it, without a framework (the station's
 * settings are also built outside OSGi). Returns a description of the first problem, or null.
 */
final class LdapFilterCheck {

    private LdapFilterCheck() {
    }

    static String problem(String filter) {
        String f = filter.trim();
        int[] pos = { 0 };
        try {
            parseFilter(f, pos);
            if (pos[0] != f.length()) {
                return "unexpected text at position " + pos[0];
            }
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    private static void parseFilter(String f, int[] pos) {
        expect(f, pos, '(');
        if (pos[0] >= f.length()) {
            throw new IllegalStateException("filter ends after '('");
        }
        char c = f.charAt(pos[0]);
        if (c == '&' || c == '|') {
            pos[0]++;
            int n = 0;
            while (pos[0] < f.length() && f.charAt(pos[0]) == '(') {
                parseFilter(f, pos);
                n++;
            }
            if (n == 0) {
                throw new IllegalStateException("'" + c + "' needs at least one operand at position " + pos[0]);
            }
        } else if (c == '!') {
            pos[0]++;
            parseFilter(f, pos);
        } else {
            int start = pos[0];
            while (pos[0] < f.length() && "=<>~()".indexOf(f.charAt(pos[0])) < 0) {
                pos[0]++;
            }
            if (pos[0] == start || f.substring(start, pos[0]).isBlank()) {
                throw new IllegalStateException("missing attribute name at position " + start);
            }
            if (pos[0] >= f.length()) {
                throw new IllegalStateException("missing operator after attribute");
            }
            char op = f.charAt(pos[0]);
            if (op == '<' || op == '>' || op == '~') {
                pos[0]++;
                if (pos[0] >= f.length() || f.charAt(pos[0]) != '=') {
                    throw new IllegalStateException("expected '=' after '" + op + "' at position " + pos[0]);
                }
            } else if (op != '=') {
                throw new IllegalStateException("expected an operator (=, <=, >=, ~=) at position " + pos[0]);
            }
            pos[0]++;
            while (pos[0] < f.length() && f.charAt(pos[0]) != ')') {
                char v = f.charAt(pos[0]);
                if (v == '(') {
                    throw new IllegalStateException("unescaped '(' in value at position " + pos[0]);
                }
                if (v == '\\') {
                    pos[0]++;
                }
                pos[0]++;
            }
        }
        expect(f, pos, ')');
    }

    private static void expect(String f, int[] pos, char c) {
        if (pos[0] >= f.length() || f.charAt(pos[0]) != c) {
            throw new IllegalStateException("expected '" + c + "' at position " + pos[0]);
        }
        pos[0]++;
    }
}
