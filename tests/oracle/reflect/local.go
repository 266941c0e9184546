package main

// T at package scope, and two more T declared in functions: reflect's
// String is "main.T" for all three, but they are three types, with three
// descriptors.

type T struct{ Pkg string }

func localA() any {
	type T struct{ A int }
	return T{}
}

func localB() any {
	type T struct{ B string }
	type U []T
	return U{}
}

// localMethods: a local type may not declare methods, but it embeds a
// type that has some, so its descriptor has an uncommon part with
// promoted methods.
func localMethods() any {
	type T struct {
		*Point
		Celsius
	}
	return &T{}
}
