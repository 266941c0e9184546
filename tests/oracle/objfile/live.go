package main

import (
	"bufio"
	"debug/elf"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// live prints, as "0 reloc ADDR VALUE" rows, the words at ADDRS (lines
// "SLICE ADDR") of FILE (an ELF PIE or shared object) as the dynamic loader
// left them in a running process, minus the base it loaded FILE at: the
// words a reader that applies the relocations with base 0 must see.  The
// process is CMD (OBJFILE_WAIT=1 in its environment): FILE itself, or a
// host that loads it; it prints "ready" once loaded and waits for its
// stdin to close.  This is the loader's own work, not a reading of the
// rules: no code is shared with gotypedb's or this oracle's.
func live(file, addrs string, cmd []string) error {
	path, err := filepath.EvalSymlinks(file)
	if err != nil {
		return err
	}
	if path, err = filepath.Abs(path); err != nil {
		return err
	}
	c := exec.Command(cmd[0], cmd[1:]...)
	c.Env = append(os.Environ(), "OBJFILE_WAIT=1")
	c.Stderr = os.Stderr
	stdin, err := c.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := c.StdoutPipe()
	if err != nil {
		return err
	}
	if err := c.Start(); err != nil {
		return err
	}
	defer c.Wait()
	defer stdin.Close()
	sc := bufio.NewScanner(stdout)
	for sc.Scan() && sc.Text() != "ready" {
	}
	go io.Copy(io.Discard, stdout)
	base, err := loadBase(c.Process.Pid, path)
	if err != nil {
		return err
	}
	return printLive(c.Process.Pid, path, addrs, base)
}

// loadBase: where the mapping of FILE's first page (file offset 0) starts,
// minus the address its first loadable segment's page is linked at.
func loadBase(pid int, path string) (uint64, error) {
	f, err := elf.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	page := uint64(os.Getpagesize())
	var first *elf.Prog
	for _, p := range f.Progs {
		if p.Type == elf.PT_LOAD && p.Off < page {
			first = p
			break
		}
	}
	if first == nil {
		return 0, fmt.Errorf("%s: no loadable segment maps its first page", path)
	}
	maps, err := os.ReadFile(fmt.Sprintf("/proc/%d/maps", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(maps), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 6 || fields[5] != path || fields[2] != "00000000" {
			continue
		}
		start, err := strconv.ParseUint(strings.Split(fields[0], "-")[0], 16, 64)
		if err != nil {
			return 0, err
		}
		return start - (first.Vaddr &^ (page - 1)), nil
	}
	return 0, fmt.Errorf("process %d has no mapping of %s at offset 0", pid, path)
}

func printLive(pid int, path, addrs string, base uint64) error {
	f, err := elf.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	ptr := 4
	if f.Class == elf.ELFCLASS64 {
		ptr = 8
	}
	mem, err := os.Open(fmt.Sprintf("/proc/%d/mem", pid))
	if err != nil {
		return err
	}
	defer mem.Close()
	in, err := os.Open(addrs)
	if err != nil {
		return err
	}
	defer in.Close()
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		var slice int
		var addr uint64
		if _, err := fmt.Sscanf(sc.Text(), "%d %x", &slice, &addr); err != nil {
			return err
		}
		b := make([]byte, 8)
		if _, err := mem.ReadAt(b[:ptr], int64(base+addr)); err != nil {
			return fmt.Errorf("word at 0x%x (0x%x in the process): %v", addr, base+addr, err)
		}
		v := f.ByteOrder.Uint64(b)
		if ptr == 4 {
			v = uint64(f.ByteOrder.Uint32(b))
		}
		fmt.Fprintf(w, "%d\treloc\t%x\t%x\n", slice, addr, (v-base)&(1<<(8*uint(ptr))-1))
	}
	return sc.Err()
}

