package org.filtermx.domain.model.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A login: user name, password hash and role. The name has the shape of its role ({@link
 * AccountName}), so names of different kinds never collide.
 */
@Entity
@Table(name = "user_account")
@NamedQuery(
        name = "UserAccount.findByUsernameAndRoles",
        query = "SELECT a FROM UserAccount a WHERE a.username = :username AND a.role IN :roles")
@NamedQuery(
        name = "UserAccount.countByUsername",
        query = "SELECT COUNT(a) FROM UserAccount a WHERE a.username = :username")
@NamedQuery(
        name = "UserAccount.countByRole",
        query = "SELECT COUNT(a) FROM UserAccount a WHERE a.role = :role")
public class UserAccount {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "username", nullable = false, length = 320)
    private String username;

    @Column(name = "password_hash", nullable = false, length = 255)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, length = 16)
    private AccountRole role;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected UserAccount() {}

    public UserAccount(String username, String passwordHash, AccountRole role) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("a user name is required");
        }
        AccountName.require(role, username);
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.createdAt = Instant.now();
    }

    public void changePassword(String newHash) {
        this.passwordHash = newHash;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public AccountRole role() {
        return role;
    }

    public Long id() {
        return id;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
