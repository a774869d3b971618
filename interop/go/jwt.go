package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"time"

	"github.com/choria-io/tokens"
)

// jwtKeys writes an ed25519 seed (hex, no newline, 0600) and its public key (hex, no newline).
func jwtKeys(args []string) error {
	if len(args) != 2 {
		return fmt.Errorf("jwt keys needs SEED-FILE PUBLIC-FILE")
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return fmt.Errorf("could not generate an ed25519 key: %v", err)
	}
	if err := os.WriteFile(args[0], []byte(hex.EncodeToString(priv.Seed())), 0600); err != nil {
		return fmt.Errorf("could not write the seed file: %v", err)
	}
	return os.WriteFile(args[1], []byte(hex.EncodeToString(pub)), 0644)
}

// jwtProv signs a provisioning JWT with the tokens package that go-choria's "choria jwt prov"
// uses: protocol security off (its --insecure default), validity one year. --upgrade sets the
// "update" claim, as the stock command's --upgrade does: it allows choria_provision#release_update
// and makes inventory report upgradable.
func jwtProv(args []string) error {
	if len(args) < 2 {
		return fmt.Errorf("jwt prov needs JWT-FILE SEED-FILE --token T --urls URL [--default] [--upgrade]")
	}
	out, seed := args[0], args[1]
	token, urls, byDefault, upgrade := "", []string{}, false, false
	for i := 2; i < len(args); i++ {
		switch args[i] {
		case "--token", "--urls":
			if i+1 >= len(args) {
				return fmt.Errorf("%s needs a value", args[i])
			}
			if args[i] == "--token" {
				token = args[i+1]
			} else {
				urls = append(urls, args[i+1])
			}
			i++
		case "--default":
			byDefault = true
		case "--upgrade":
			upgrade = true
		default:
			return fmt.Errorf("unknown jwt prov flag %q", args[i])
		}
	}
	if token == "" || len(urls) == 0 {
		return fmt.Errorf("jwt prov needs --token and --urls")
	}
	claims, err := tokens.NewProvisioningClaims(false, byDefault, token, "", "", urls, "", "", "", "choria", "", 365*24*time.Hour)
	if err != nil {
		return fmt.Errorf("could not create the provisioning claims: %v", err)
	}
	claims.AllowUpdate = upgrade
	return tokens.SaveAndSignTokenWithKeyFile(claims, seed, out, 0600)
}
