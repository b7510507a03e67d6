package io.avdroll.deploycheck;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which Azure port methods a service can reach, read from bytecode: every class of the service, then every
 * {@code io.avdroll} class they use (outside the adapters themselves), searched for calls and method references to
 * the ports. Class-level reachability over-approximates (a helper's unused method counts), never under.
 */
final class PortCalls {

    private final Set<String> ports;
    private final Predicate<String> adapter;

    /**
     * @param ports   internal names of the port types ({@code io/avdroll/azure/compute/VirtualMachines})
     * @param adapter internal names of classes implementing them, not followed (their calls are measured instead)
     */
    PortCalls(Collection<String> ports, Predicate<String> adapter) {
        this.ports = Set.copyOf(ports);
        this.adapter = adapter;
    }

    /** "SimpleName.method" of every port method reachable from {@code roots}. */
    Set<String> reachableFrom(Collection<String> roots, ClassLoader loader) {
        Set<String> found = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>(roots);
        while (!queue.isEmpty()) {
            String entry = queue.poll();
            if (!seen.add(entry)) {
                continue;
            }
            int hash = entry.indexOf('#');
            String type = hash < 0 ? entry : entry.substring(0, hash);
            String only = hash < 0 ? null : entry.substring(hash + 1);
            visit(type, only, loader, (owner, name) -> {
                if (ports.contains(owner)) {
                    if (!name.startsWith("<")) {
                        found.add(owner.substring(owner.lastIndexOf('/') + 1) + "." + name);
                        // a port's default method calls its other methods: follow that one method only
                        queue.add(owner + "#" + name);
                    }
                } else if (owner.startsWith("io/avdroll/") && !adapter.test(owner) && !seen.contains(owner)) {
                    queue.add(owner);
                }
            });
        }
        return found;
    }

    private interface Call {
        void to(String owner, String name);
    }

    /** Calls made in {@code type}'s methods, or only in its methods named {@code only} when not null. */
    private static void visit(String type, String only, ClassLoader loader, Call call) {
        try (InputStream in = loader.getResourceAsStream(type + ".class")) {
            if (in == null) {
                return;
            }
            new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                    if (only != null && !only.equals(name)) {
                        return null;
                    }
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                            call.to(owner, method);
                        }

                        @Override
                        public void visitInvokeDynamicInsn(String method, String desc, Handle bootstrap, Object... args) {
                            for (Object arg : args) {
                                if (arg instanceof Handle handle) {
                                    call.to(handle.getOwner(), handle.getName());
                                }
                            }
                        }

                        @Override
                        public void visitTypeInsn(int opcode, String owner) {
                            call.to(owner, "<type>");
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
