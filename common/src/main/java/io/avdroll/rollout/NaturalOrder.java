package io.avdroll.rollout;

import java.util.Comparator;

/** Compares names with digit runs taken as numbers, so host-2 sorts before host-10. Total and deterministic. */
final class NaturalOrder implements Comparator<String> {
    static final NaturalOrder INSTANCE = new NaturalOrder();

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) i++;
                while (j < b.length() && Character.isDigit(b.charAt(j))) j++;
                while (si < i - 1 && a.charAt(si) == '0') si++;
                while (sj < j - 1 && b.charAt(sj) == '0') sj++;
                int byLength = Integer.compare(i - si, j - sj);
                if (byLength != 0) return byLength;
                for (int k = 0; k < i - si; k++) {
                    int byDigit = Character.compare(a.charAt(si + k), b.charAt(sj + k));
                    if (byDigit != 0) return byDigit;
                }
            } else {
                if (ca != cb) return Character.compare(ca, cb);
                i++;
                j++;
            }
        }
        int byRest = Integer.compare(a.length() - i, b.length() - j);
        return byRest != 0 ? byRest : a.compareTo(b);
    }
}
