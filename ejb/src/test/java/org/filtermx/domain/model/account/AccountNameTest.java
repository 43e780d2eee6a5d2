package org.filtermx.domain.model.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccountNameTest {

    @Test
    void everyNameHasExactlyOneShapeSoKindsNeverCollide() {
        assertThat(AccountName.kindsOf("acme"))
                .containsExactlyInAnyOrder(AccountRole.ADMIN, AccountRole.RESELLER);
        assertThat(AccountName.kindsOf("acme.example")).containsExactly(AccountRole.DOMAIN);
        assertThat(AccountName.kindsOf("bob@acme.example")).containsExactly(AccountRole.EMAIL_USER);
        for (String name : new String[] {"acme", "acme.example", "bob@acme.example", "r2-acme_1"}) {
            int kinds = 0;
            for (AccountRole role :
                    new AccountRole[] {
                        AccountRole.RESELLER, AccountRole.DOMAIN, AccountRole.EMAIL_USER
                    }) {
                kinds += AccountName.fits(role, name) ? 1 : 0;
            }
            assertThat(kinds).as(name).isEqualTo(1);
        }
    }

    @Test
    void resellerNamesHaveNoDotsOrAtSigns() {
        assertThat(AccountName.plain(" Acme-Hosting_2 ")).isEqualTo("acme-hosting_2");
        assertThatThrownBy(() -> AccountName.plain("acme.example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no dots");
        assertThatThrownBy(() -> AccountName.plain("bob@acme"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccountName.plain("ab"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccountName.plain("-acme"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccountName.plain("a".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAccountOfTheWrongShapeCannotBeMade() {
        assertThatThrownBy(() -> new UserAccount("r2.example", "h", AccountRole.RESELLER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UserAccount("r2", "h", AccountRole.DOMAIN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UserAccount("r2.example", "h", AccountRole.EMAIL_USER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new UserAccount("r2.example", "h", AccountRole.DOMAIN).username())
                .isEqualTo("r2.example");
        assertThat(new UserAccount("bob@r2.example", "h", AccountRole.EMAIL_USER).role())
                .isEqualTo(AccountRole.EMAIL_USER);
    }

    @Test
    void hostileNamesAreRefusedQuickly() {
        String huge = "a.".repeat(200_000);
        long start = System.nanoTime();
        assertThat(AccountName.kindsOf(huge)).isEmpty();
        assertThat(AccountName.fits(AccountRole.DOMAIN, huge)).isFalse();
        assertThat(AccountName.fits(AccountRole.EMAIL_USER, "x@" + huge)).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
    }
}
