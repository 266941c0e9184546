package main

import (
	"debug/elf"
	"debug/macho"
	"debug/pe"
)

// What a file's headers name, for the files without Go build info: the
// machine by debug/elf's, debug/macho's and debug/pe's constants, the
// system by the format (for ELF, the OS ABI byte Go's linker sets for
// the BSDs; Linux has none).  A Go binary's build info overrides both.

func elfTarget(f *elf.File) (goos, goarch string) {
	goos = "linux"
	switch f.OSABI {
	case elf.ELFOSABI_FREEBSD:
		goos = "freebsd"
	case elf.ELFOSABI_NETBSD:
		goos = "netbsd"
	case elf.ELFOSABI_OPENBSD:
		goos = "openbsd"
	}
	switch f.Machine {
	case elf.EM_X86_64:
		goarch = "amd64"
	case elf.EM_386:
		goarch = "386"
	case elf.EM_ARM:
		goarch = "arm"
	case elf.EM_AARCH64:
		goarch = "arm64"
	case elf.EM_PPC64:
		goarch = "ppc64"
		if f.Data == elf.ELFDATA2LSB {
			goarch = "ppc64le"
		}
	case elf.EM_S390:
		goarch = "s390x"
	case elf.EM_RISCV:
		goarch = "riscv64"
	case elf.EM_LOONGARCH:
		goarch = "loong64"
	default:
		goarch = f.Machine.String()
	}
	return goos, goarch
}

func machoTarget(f *macho.File) (goos, goarch string) {
	switch f.Cpu {
	case macho.CpuAmd64:
		return "darwin", "amd64"
	case macho.CpuArm64:
		return "darwin", "arm64"
	case macho.Cpu386:
		return "darwin", "386"
	case macho.CpuArm:
		return "darwin", "arm"
	}
	return "darwin", f.Cpu.String()
}

func peTarget(f *pe.File) (goos, goarch string) {
	switch f.Machine {
	case pe.IMAGE_FILE_MACHINE_AMD64:
		return "windows", "amd64"
	case pe.IMAGE_FILE_MACHINE_I386:
		return "windows", "386"
	case pe.IMAGE_FILE_MACHINE_ARM64:
		return "windows", "arm64"
	case pe.IMAGE_FILE_MACHINE_ARMNT:
		return "windows", "arm"
	}
	return "windows", "?"
}
