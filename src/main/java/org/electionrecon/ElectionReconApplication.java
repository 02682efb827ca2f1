package org.electionrecon;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ElectionReconApplication {
	public static void main(String[] args) {
	}
}
