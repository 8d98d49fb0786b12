// Regenerates go-net-url.tsv: how Go's net/url reads each URL of urls.txt, and the same URL
// with govseal's checksum parameter appended (as ArtifactURL.withChecksum does), the way
// go-getter reads it: url.Parse, then u.Query().Get("checksum") (the first value).
// Run: go run main.go < urls.txt > go-net-url.tsv
package main

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"runtime"
	"strings"
)

const blessed = "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"

func withChecksum(s string) string {
	p := "checksum=sha256:" + blessed
	i := strings.Index(s, "?")
	switch {
	case i < 0:
		return s + "?" + p
	case i == len(s)-1 || strings.HasSuffix(s, "&"):
		return s + p
	default:
		return s + "&" + p
	}
}

// read gives "1<TAB>hex(first checksum value)" or "0<TAB>-" when url.Parse fails.
func read(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "0\t-"
	}
	return "1\t" + hex.EncodeToString([]byte(u.Query().Get("checksum")))
}

func main() {
	fmt.Printf("# %s net/url; columns: hex(url) parsed first-checksum hex(appended) parsed first-checksum; blessed %s\n",
		runtime.Version(), blessed)
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		line := in.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		s, err := hex.DecodeString(line)
		if err != nil {
			panic(err)
		}
		appended := withChecksum(string(s))
		fmt.Printf("%s\t%s\t%s\t%s\n", line, read(string(s)), hex.EncodeToString([]byte(appended)), read(appended))
	}
}
